(module
  (import "env" "memory" (memory 1 65536 shared))
  (global $kth (mut f64) (f64.const 0))
  (global $filled (mut i32) (i32.const 0))
  (global $slot (mut i32) (i32.const 0))
  (global $left (mut i32) (i32.const 0))
  (global $right (mut i32) (i32.const 0))
  (global $axis (mut i32) (i32.const 0))
  (global $begin (mut i32) (i32.const 0))
  (global $end (mut i32) (i32.const 0))
  (global $boxLo (mut i32) (i32.const 0))
  (global $boxHi (mut i32) (i32.const 0))
  (global $group (mut i32) (i32.const 0))
  (global $start (mut i32) (i32.const 0))
  (global $members (mut i32) (i32.const 0))
  (global $rows (mut i32) (i32.const 0))
  (global $k (mut i32) (i32.const 0))
  (func $scan (export "scan") (param $slot i32) (param $from i32) (param $to i32) (param $threshold f32) (param $position i32) (result i32)
    (local $count i32)
    (local $bits i32)
    (local $th v128)
    (local $t v128)
    (local $acc v128)
    (local $q0 v128)
    (local $q1 v128)
    (local $q2 v128)
    (local $q3 v128)
    (local $q4 v128)
    (local $q5 v128)
    (local $q6 v128)
    (local $q7 v128)
    (local $q8 v128)
    local.get $slot
    v128.load
    local.set $q0
    local.get $slot
    v128.load offset=16
    local.set $q1
    local.get $slot
    v128.load offset=32
    local.set $q2
    local.get $slot
    v128.load offset=48
    local.set $q3
    local.get $slot
    v128.load offset=64
    local.set $q4
    local.get $slot
    v128.load offset=80
    local.set $q5
    local.get $slot
    v128.load offset=96
    local.set $q6
    local.get $slot
    v128.load offset=112
    local.set $q7
    local.get $slot
    v128.load offset=128
    local.set $q8
    local.get $threshold
    f32x4.splat
    local.set $th
    block $blocks
      loop $block
        local.get $from
        local.get $to
        i32.ge_u
        br_if $blocks
        local.get $q0
        local.get $from
        v128.load
        f32x4.sub
        local.tee $t
        local.get $t
        f32x4.mul
        local.get $q1
        local.get $from
        v128.load offset=16
        f32x4.sub
        local.tee $t
        local.get $t
        f32x4.mul
        f32x4.add
        local.get $q2
        local.get $from
        v128.load offset=32
        f32x4.sub
        local.tee $t
        local.get $t
        f32x4.mul
        local.get $q3
        local.get $from
        v128.load offset=48
        f32x4.sub
        local.tee $t
        local.get $t
        f32x4.mul
        f32x4.add
        f32x4.add
        local.get $q4
        local.get $from
        v128.load offset=64
        f32x4.sub
        local.tee $t
        local.get $t
        f32x4.mul
        local.get $q5
        local.get $from
        v128.load offset=80
        f32x4.sub
        local.tee $t
        local.get $t
        f32x4.mul
        f32x4.add
        local.get $q6
        local.get $from
        v128.load offset=96
        f32x4.sub
        local.tee $t
        local.get $t
        f32x4.mul
        local.get $q7
        local.get $from
        v128.load offset=112
        f32x4.sub
        local.tee $t
        local.get $t
        f32x4.mul
        local.get $q8
        local.get $from
        v128.load offset=128
        f32x4.sub
        local.tee $t
        local.get $t
        f32x4.mul
        f32x4.add
        f32x4.add
        f32x4.add
        f32x4.add
        local.set $acc
        local.get $acc
        local.get $th
        f32x4.le
        i32x4.bitmask
        local.tee $bits
        if
          local.get $bits
          i32.const 1
          i32.and
          if
            local.get $slot
            local.get $count
            i32.const 2
            i32.shl
            i32.add
            local.get $position
            i32.const 0
            i32.add
            i32.store offset=144
            local.get $count
            i32.const 1
            i32.add
            local.set $count
          end
          local.get $bits
          i32.const 2
          i32.and
          if
            local.get $slot
            local.get $count
            i32.const 2
            i32.shl
            i32.add
            local.get $position
            i32.const 1
            i32.add
            i32.store offset=144
            local.get $count
            i32.const 1
            i32.add
            local.set $count
          end
          local.get $bits
          i32.const 4
          i32.and
          if
            local.get $slot
            local.get $count
            i32.const 2
            i32.shl
            i32.add
            local.get $position
            i32.const 2
            i32.add
            i32.store offset=144
            local.get $count
            i32.const 1
            i32.add
            local.set $count
          end
          local.get $bits
          i32.const 8
          i32.and
          if
            local.get $slot
            local.get $count
            i32.const 2
            i32.shl
            i32.add
            local.get $position
            i32.const 3
            i32.add
            i32.store offset=144
            local.get $count
            i32.const 1
            i32.add
            local.set $count
          end
        end
        local.get $position
        i32.const 4
        i32.add
        local.set $position
        local.get $from
        i32.const 144
        i32.add
        local.set $from
        br $block
      end $block
    end $blocks
    local.get $count
  )
  (func $insert (param $d f64) (param $idx i32) (result i32)
    (local $p i32)
    (local $bd i32)
    (local $bi i32)
    (local $k i32)
    (local $t f64)
    global.get $slot
    i32.const 872
    i32.add
    local.set $bd
    global.get $slot
    i32.const 2920
    i32.add
    local.set $bi
    global.get $k
    local.set $k
    global.get $filled
    local.get $k
    i32.lt_s
    if
      global.get $filled
      local.set $p
      global.get $filled
      i32.const 1
      i32.add
      global.set $filled
    else
      local.get $bd
      local.get $k
      i32.const 1
      i32.sub
      i32.const 3
      i32.shl
      i32.add
      f64.load
      local.set $t
      local.get $d
      local.get $t
      f64.gt
      if
        i32.const 0
        return
      end
      local.get $d
      local.get $t
      f64.eq
      local.get $idx
      local.get $bi
      local.get $k
      i32.const 1
      i32.sub
      i32.const 2
      i32.shl
      i32.add
      i32.load
      i32.gt_s
      i32.and
      if
        i32.const 0
        return
      end
      local.get $k
      i32.const 1
      i32.sub
      local.set $p
    end
    block $placed
      loop $shift
        local.get $p
        i32.const 0
        i32.le_s
        br_if $placed
        local.get $bd
        local.get $p
        i32.const 1
        i32.sub
        i32.const 3
        i32.shl
        i32.add
        f64.load
        local.tee $t
        local.get $d
        f64.gt
        local.get $t
        local.get $d
        f64.eq
        local.get $bi
        local.get $p
        i32.const 1
        i32.sub
        i32.const 2
        i32.shl
        i32.add
        i32.load
        local.get $idx
        i32.gt_s
        i32.and
        i32.or
        i32.eqz
        br_if $placed
        local.get $bd
        local.get $p
        i32.const 3
        i32.shl
        i32.add
        local.get $t
        f64.store
        local.get $bi
        local.get $p
        i32.const 2
        i32.shl
        i32.add
        local.get $bi
        local.get $p
        i32.const 1
        i32.sub
        i32.const 2
        i32.shl
        i32.add
        i32.load
        i32.store
        local.get $p
        i32.const 1
        i32.sub
        local.set $p
        br $shift
      end $shift
    end $placed
    local.get $bd
    local.get $p
    i32.const 3
    i32.shl
    i32.add
    local.get $d
    f64.store
    local.get $bi
    local.get $p
    i32.const 2
    i32.shl
    i32.add
    local.get $idx
    i32.store
    global.get $filled
    local.get $k
    i32.eq
    if
      local.get $bd
      local.get $k
      i32.const 1
      i32.sub
      i32.const 3
      i32.shl
      i32.add
      f64.load
      global.set $kth
    end
    i32.const 1
  )
  (func $leaf (param $node i32)
    (local $lb f64)
    (local $v f64)
    (local $d f64)
    (local $t f64)
    (local $from i32)
    (local $to i32)
    (local $n i32)
    (local $i i32)
    (local $p i32)
    (local $o i32)
    (local $m i32)
    (local $e i32)
    (local $bo i32)
    (local $g i32)
    local.get $node
    i32.const 72
    i32.mul
    local.set $bo
    f64.const 0
    local.set $lb
    global.get $slot
    f64.load offset=728
    local.set $v
    global.get $boxLo
    local.get $bo
    i32.add
    f64.load
    local.get $v
    f64.sub
    local.get $v
    global.get $boxHi
    local.get $bo
    i32.add
    f64.load
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.tee $t
    local.get $t
    f64.mul
    local.get $lb
    f64.add
    local.set $lb
    global.get $slot
    f64.load offset=736
    local.set $v
    global.get $boxLo
    local.get $bo
    i32.add
    f64.load offset=8
    local.get $v
    f64.sub
    local.get $v
    global.get $boxHi
    local.get $bo
    i32.add
    f64.load offset=8
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.tee $t
    local.get $t
    f64.mul
    local.get $lb
    f64.add
    local.set $lb
    global.get $slot
    f64.load offset=744
    local.set $v
    global.get $boxLo
    local.get $bo
    i32.add
    f64.load offset=16
    local.get $v
    f64.sub
    local.get $v
    global.get $boxHi
    local.get $bo
    i32.add
    f64.load offset=16
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.tee $t
    local.get $t
    f64.mul
    local.get $lb
    f64.add
    local.set $lb
    global.get $slot
    f64.load offset=752
    local.set $v
    global.get $boxLo
    local.get $bo
    i32.add
    f64.load offset=24
    local.get $v
    f64.sub
    local.get $v
    global.get $boxHi
    local.get $bo
    i32.add
    f64.load offset=24
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.tee $t
    local.get $t
    f64.mul
    local.get $lb
    f64.add
    local.set $lb
    global.get $slot
    f64.load offset=760
    local.set $v
    global.get $boxLo
    local.get $bo
    i32.add
    f64.load offset=32
    local.get $v
    f64.sub
    local.get $v
    global.get $boxHi
    local.get $bo
    i32.add
    f64.load offset=32
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.tee $t
    local.get $t
    f64.mul
    local.get $lb
    f64.add
    local.set $lb
    global.get $slot
    f64.load offset=768
    local.set $v
    global.get $boxLo
    local.get $bo
    i32.add
    f64.load offset=40
    local.get $v
    f64.sub
    local.get $v
    global.get $boxHi
    local.get $bo
    i32.add
    f64.load offset=40
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.tee $t
    local.get $t
    f64.mul
    local.get $lb
    f64.add
    local.set $lb
    global.get $slot
    f64.load offset=776
    local.set $v
    global.get $boxLo
    local.get $bo
    i32.add
    f64.load offset=48
    local.get $v
    f64.sub
    local.get $v
    global.get $boxHi
    local.get $bo
    i32.add
    f64.load offset=48
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.tee $t
    local.get $t
    f64.mul
    local.get $lb
    f64.add
    local.set $lb
    global.get $slot
    f64.load offset=784
    local.set $v
    global.get $boxLo
    local.get $bo
    i32.add
    f64.load offset=56
    local.get $v
    f64.sub
    local.get $v
    global.get $boxHi
    local.get $bo
    i32.add
    f64.load offset=56
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.tee $t
    local.get $t
    f64.mul
    local.get $lb
    f64.add
    local.set $lb
    global.get $slot
    f64.load offset=792
    local.set $v
    global.get $boxLo
    local.get $bo
    i32.add
    f64.load offset=64
    local.get $v
    f64.sub
    local.get $v
    global.get $boxHi
    local.get $bo
    i32.add
    f64.load offset=64
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.tee $t
    local.get $t
    f64.mul
    local.get $lb
    f64.add
    local.set $lb
    local.get $lb
    global.get $kth
    f64.const 0.5
    f64.add
    f64.gt
    if
      return
    end
    global.get $begin
    local.get $node
    i32.const 2
    i32.shl
    i32.add
    i32.load
    local.set $from
    global.get $end
    local.get $node
    i32.const 2
    i32.shl
    i32.add
    i32.load
    local.set $to
    global.get $slot
    global.get $rows
    local.get $from
    i32.const 2
    i32.shr_u
    i32.const 144
    i32.mul
    i32.add
    global.get $rows
    local.get $to
    i32.const 3
    i32.add
    i32.const 2
    i32.shr_u
    i32.const 144
    i32.mul
    i32.add
    global.get $kth
    f64.const 1.00006103515625
    f64.mul
    f64.const 1
    f64.add
    f32.demote_f64
    local.get $from
    call $scan
    local.set $n
    i32.const 0
    local.set $i
    block $survivors
      loop $survivor
        local.get $i
        local.get $n
        i32.ge_s
        br_if $survivors
        global.get $slot
        local.get $i
        i32.const 2
        i32.shl
        i32.add
        i32.load offset=144
        local.set $p
        global.get $rows
        local.get $p
        i32.const 2
        i32.shr_u
        i32.const 144
        i32.mul
        i32.add
        local.get $p
        i32.const 3
        i32.and
        i32.const 2
        i32.shl
        i32.add
        local.set $o
        f64.const 0
        local.set $d
        global.get $slot
        f64.load offset=656
        local.get $o
        f32.load
        f64.promote_f32
        f64.sub
        local.tee $t
        local.get $t
        f64.mul
        local.get $d
        f64.add
        local.set $d
        global.get $slot
        f64.load offset=664
        local.get $o
        f32.load offset=16
        f64.promote_f32
        f64.sub
        local.tee $t
        local.get $t
        f64.mul
        local.get $d
        f64.add
        local.set $d
        global.get $slot
        f64.load offset=672
        local.get $o
        f32.load offset=32
        f64.promote_f32
        f64.sub
        local.tee $t
        local.get $t
        f64.mul
        local.get $d
        f64.add
        local.set $d
        global.get $slot
        f64.load offset=680
        local.get $o
        f32.load offset=48
        f64.promote_f32
        f64.sub
        local.tee $t
        local.get $t
        f64.mul
        local.get $d
        f64.add
        local.set $d
        global.get $slot
        f64.load offset=688
        local.get $o
        f32.load offset=64
        f64.promote_f32
        f64.sub
        local.tee $t
        local.get $t
        f64.mul
        local.get $d
        f64.add
        local.set $d
        global.get $slot
        f64.load offset=696
        local.get $o
        f32.load offset=80
        f64.promote_f32
        f64.sub
        local.tee $t
        local.get $t
        f64.mul
        local.get $d
        f64.add
        local.set $d
        global.get $slot
        f64.load offset=704
        local.get $o
        f32.load offset=96
        f64.promote_f32
        f64.sub
        local.tee $t
        local.get $t
        f64.mul
        local.get $d
        f64.add
        local.set $d
        global.get $slot
        f64.load offset=712
        local.get $o
        f32.load offset=112
        f64.promote_f32
        f64.sub
        local.tee $t
        local.get $t
        f64.mul
        local.get $d
        f64.add
        local.set $d
        global.get $slot
        f64.load offset=720
        local.get $o
        f32.load offset=128
        f64.promote_f32
        f64.sub
        local.tee $t
        local.get $t
        f64.mul
        local.get $d
        f64.add
        local.set $d
        local.get $d
        global.get $kth
        f64.le
        if
          global.get $group
          local.get $p
          i32.const 2
          i32.shl
          i32.add
          i32.load
          local.set $g
          global.get $start
          local.get $g
          i32.const 2
          i32.shl
          i32.add
          i32.load
          local.set $m
          global.get $start
          local.get $g
          i32.const 2
          i32.shl
          i32.add
          i32.load offset=4
          local.set $e
          block $members
            loop $member
              local.get $m
              local.get $e
              i32.ge_s
              br_if $members
              local.get $d
              global.get $members
              local.get $m
              i32.const 2
              i32.shl
              i32.add
              i32.load
              call $insert
              i32.eqz
              br_if $members
              local.get $m
              i32.const 1
              i32.add
              local.set $m
              br $member
            end $member
          end $members
        end
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br $survivor
      end $survivor
    end $survivors
  )
  (func $visit (param $node i32) (param $bound f64)
    (local $l i32)
    (local $r i32)
    (local $a i32)
    (local $offp i32)
    (local $v f64)
    (local $old f64)
    (local $base f64)
    (local $gl f64)
    (local $gr f64)
    (local $bl f64)
    (local $br f64)
    global.get $left
    local.get $node
    i32.const 2
    i32.shl
    i32.add
    i32.load
    local.tee $l
    i32.const 0
    i32.lt_s
    if
      local.get $node
      call $leaf
      return
    end
    global.get $right
    local.get $node
    i32.const 2
    i32.shl
    i32.add
    i32.load
    local.set $r
    global.get $axis
    local.get $node
    i32.const 2
    i32.shl
    i32.add
    i32.load
    local.set $a
    global.get $slot
    local.get $a
    i32.const 3
    i32.shl
    i32.add
    f64.load offset=728
    local.set $v
    global.get $slot
    local.get $a
    i32.const 3
    i32.shl
    i32.add
    i32.const 800
    i32.add
    local.set $offp
    local.get $offp
    f64.load
    local.set $old
    local.get $bound
    local.get $old
    local.get $old
    f64.mul
    f64.sub
    local.set $base
    global.get $boxLo
    local.get $l
    i32.const 9
    i32.mul
    local.get $a
    i32.add
    i32.const 3
    i32.shl
    i32.add
    f64.load
    local.get $v
    f64.sub
    local.get $v
    global.get $boxHi
    local.get $l
    i32.const 9
    i32.mul
    local.get $a
    i32.add
    i32.const 3
    i32.shl
    i32.add
    f64.load
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $gl
    global.get $boxLo
    local.get $r
    i32.const 9
    i32.mul
    local.get $a
    i32.add
    i32.const 3
    i32.shl
    i32.add
    f64.load
    local.get $v
    f64.sub
    local.get $v
    global.get $boxHi
    local.get $r
    i32.const 9
    i32.mul
    local.get $a
    i32.add
    i32.const 3
    i32.shl
    i32.add
    f64.load
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $gr
    local.get $base
    local.get $gl
    local.get $gl
    f64.mul
    f64.add
    local.set $bl
    local.get $base
    local.get $gr
    local.get $gr
    f64.mul
    f64.add
    local.set $br
    local.get $bl
    local.get $br
    f64.le
    if
      local.get $bl
      global.get $kth
      f64.const 0.5
      f64.add
      f64.le
      if
        local.get $offp
        local.get $gl
        f64.store
        local.get $l
        local.get $bl
        call $visit
      end
      local.get $br
      global.get $kth
      f64.const 0.5
      f64.add
      f64.le
      if
        local.get $offp
        local.get $gr
        f64.store
        local.get $r
        local.get $br
        call $visit
      end
    else
      local.get $br
      global.get $kth
      f64.const 0.5
      f64.add
      f64.le
      if
        local.get $offp
        local.get $gr
        f64.store
        local.get $r
        local.get $br
        call $visit
      end
      local.get $bl
      global.get $kth
      f64.const 0.5
      f64.add
      f64.le
      if
        local.get $offp
        local.get $gl
        f64.store
        local.get $l
        local.get $bl
        call $visit
      end
    end
    local.get $offp
    local.get $old
    f64.store
  )
  (func $search (export "search") (param $slot i32)
    (local $bound f64)
    (local $v f64)
    (local $o f64)
    local.get $slot
    global.set $slot
    i32.const 0
    global.set $filled
    f64.const inf
    global.set $kth
    f64.const 0
    local.set $bound
    local.get $slot
    f64.load offset=728
    local.set $v
    global.get $boxLo
    f64.load
    local.get $v
    f64.sub
    local.get $v
    global.get $boxHi
    f64.load
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $o
    local.get $slot
    local.get $o
    f64.store offset=800
    local.get $o
    local.get $o
    f64.mul
    local.get $bound
    f64.add
    local.set $bound
    local.get $slot
    f64.load offset=736
    local.set $v
    global.get $boxLo
    f64.load offset=8
    local.get $v
    f64.sub
    local.get $v
    global.get $boxHi
    f64.load offset=8
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $o
    local.get $slot
    local.get $o
    f64.store offset=808
    local.get $o
    local.get $o
    f64.mul
    local.get $bound
    f64.add
    local.set $bound
    local.get $slot
    f64.load offset=744
    local.set $v
    global.get $boxLo
    f64.load offset=16
    local.get $v
    f64.sub
    local.get $v
    global.get $boxHi
    f64.load offset=16
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $o
    local.get $slot
    local.get $o
    f64.store offset=816
    local.get $o
    local.get $o
    f64.mul
    local.get $bound
    f64.add
    local.set $bound
    local.get $slot
    f64.load offset=752
    local.set $v
    global.get $boxLo
    f64.load offset=24
    local.get $v
    f64.sub
    local.get $v
    global.get $boxHi
    f64.load offset=24
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $o
    local.get $slot
    local.get $o
    f64.store offset=824
    local.get $o
    local.get $o
    f64.mul
    local.get $bound
    f64.add
    local.set $bound
    local.get $slot
    f64.load offset=760
    local.set $v
    global.get $boxLo
    f64.load offset=32
    local.get $v
    f64.sub
    local.get $v
    global.get $boxHi
    f64.load offset=32
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $o
    local.get $slot
    local.get $o
    f64.store offset=832
    local.get $o
    local.get $o
    f64.mul
    local.get $bound
    f64.add
    local.set $bound
    local.get $slot
    f64.load offset=768
    local.set $v
    global.get $boxLo
    f64.load offset=40
    local.get $v
    f64.sub
    local.get $v
    global.get $boxHi
    f64.load offset=40
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $o
    local.get $slot
    local.get $o
    f64.store offset=840
    local.get $o
    local.get $o
    f64.mul
    local.get $bound
    f64.add
    local.set $bound
    local.get $slot
    f64.load offset=776
    local.set $v
    global.get $boxLo
    f64.load offset=48
    local.get $v
    f64.sub
    local.get $v
    global.get $boxHi
    f64.load offset=48
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $o
    local.get $slot
    local.get $o
    f64.store offset=848
    local.get $o
    local.get $o
    f64.mul
    local.get $bound
    f64.add
    local.set $bound
    local.get $slot
    f64.load offset=784
    local.set $v
    global.get $boxLo
    f64.load offset=56
    local.get $v
    f64.sub
    local.get $v
    global.get $boxHi
    f64.load offset=56
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $o
    local.get $slot
    local.get $o
    f64.store offset=856
    local.get $o
    local.get $o
    f64.mul
    local.get $bound
    f64.add
    local.set $bound
    local.get $slot
    f64.load offset=792
    local.set $v
    global.get $boxLo
    f64.load offset=64
    local.get $v
    f64.sub
    local.get $v
    global.get $boxHi
    f64.load offset=64
    f64.sub
    f64.max
    f64.const 0
    f64.max
    local.set $o
    local.get $slot
    local.get $o
    f64.store offset=864
    local.get $o
    local.get $o
    f64.mul
    local.get $bound
    f64.add
    local.set $bound
    i32.const 0
    local.get $bound
    call $visit
  )
  (func $setup (export "setup") (param $left i32) (param $right i32) (param $axis i32) (param $begin i32) (param $end i32) (param $boxLo i32) (param $boxHi i32) (param $group i32) (param $start i32) (param $members i32) (param $rows i32) (param $k i32)
    local.get $left
    global.set $left
    local.get $right
    global.set $right
    local.get $axis
    global.set $axis
    local.get $begin
    global.set $begin
    local.get $end
    global.set $end
    local.get $boxLo
    global.set $boxLo
    local.get $boxHi
    global.set $boxHi
    local.get $group
    global.set $group
    local.get $start
    global.set $start
    local.get $members
    global.set $members
    local.get $rows
    global.set $rows
    local.get $k
    global.set $k
  )
)
